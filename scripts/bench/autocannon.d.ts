// The part of autocannon 8's API the load scripts use (the package ships no types).
declare module "autocannon" {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    // Method syntax: each caller declares the parts of the request and context it uses.
    setupRequest?(req: { path: string }, context: Record<string, unknown>): { path: string };
    onResponse?(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>): void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: Request[];
  }
  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  }
  export default function autocannon(options: Options): Instance;
}
