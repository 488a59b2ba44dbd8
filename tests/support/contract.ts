// The contract check: every response the integration tests receive through `get()` (helpers.ts) on
// a path /openapi.json documents is checked, when its file's tests end, against the operation's
// responses: its status must be documented and its JSON body must validate against that status's
// schema. Responses on undocumented paths (pages, feeds, admin) are not the API's contract.
import { Validator } from "@cfworker/json-schema";
import { env, exports } from "cloudflare:workers";

interface Recorded {
  method: string;
  url: string;
  status: number;
  type: string;
  body: string;
}

const recorded: Recorded[] = [];

/** Keeps a copy of an API response for the contract check; the caller still reads the original. */
export async function record(request: Request, response: Response): Promise<void> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/api/v1/") || url.pathname.startsWith("/api/v1/admin/")) return;
  const body = request.method === "HEAD" ? "" : await response.clone().text();
  recorded.push({ method: request.method, url: request.url, status: response.status, type: response.headers.get("content-type") ?? "", body });
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: object };

function operationFor(doc: Document, method: string, pathname: string): { template: string; op: Operation } | undefined {
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (!pattern.test(pathname)) continue;
    const op = item[method.toLowerCase() === "head" ? "get" : method.toLowerCase()];
    if (op) return { template, op };
  }
  return undefined;
}

/** Every recorded response that breaks the contract, described; empties the record. */
export async function contractViolations(): Promise<string[]> {
  if (recorded.length === 0) return [];
  const doc = (await (await exports.default.fetch(new Request(`${env.CANONICAL_ORIGIN}/openapi.json`))).json()) as Document;
  const problems: string[] = [];
  for (const r of recorded.splice(0)) {
    const found = operationFor(doc, r.method, new URL(r.url).pathname);
    if (!found) continue;
    const where = `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search} → ${r.status}`;
    const response = found.op.responses[String(r.status)];
    if (!response) {
      problems.push(`${where}: status not documented for ${found.template}`);
      continue;
    }
    const mediaType = r.type.split(";")[0].trim();
    const schema = response.content?.[mediaType]?.schema;
    if (!r.body || !schema) continue;
    const result = new Validator({ ...schema, components: doc.components } as object, "2020-12", false).validate(JSON.parse(r.body));
    if (!result.valid)
      problems.push(
        `${where}: ${result.errors
          .map((e) => `${e.instanceLocation} ${e.error}`)
          .slice(0, 3)
          .join("; ")}`,
      );
  }
  return problems;
}
