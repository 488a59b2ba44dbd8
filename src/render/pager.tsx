/** Links to the neighbouring pages of a list (`rel` prev/next), with labels that say which way they go. */
export function Pager({ prev, next, labels }: { prev?: string; next?: string; labels: [prev: string, next: string] }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label="Pages" class="pages">
      {prev && (
        <a href={prev} rel="prev">
          {labels[0]}
        </a>
      )}{" "}
      {next && (
        <a href={next} rel="next">
          {labels[1]}
        </a>
      )}
    </nav>
  );
}
