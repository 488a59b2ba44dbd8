/**
 * @module
 * Where sign-in sends an editor afterwards: a desk page of this origin, never anywhere else (an open
 * redirect would let a link to the sign-in page send a fresh session's holder to another site). The
 * Worker checks it when it sends someone to sign in, and the sign-in page's script again before it
 * follows `?next=`, which anyone can write into a link.
 */
export function nextPage(value: string | null | undefined): string {
  return value && /^\/desk\/[A-Za-z0-9/_-]*(\?[A-Za-z0-9=&_%-]*)?$/.test(value) && !value.includes("//") ? value : "/desk/";
}
