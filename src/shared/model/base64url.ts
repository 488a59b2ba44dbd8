/** Bytes in base64url (RFC 4648 §5), without padding: ETags, content tags, signed links and session cookies. */
export function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
