/**
 * @module
 * Problem Details for HTTP APIs (RFC 9457). Bodies never echo request input.
 */

export const PROBLEM_TYPE = "application/problem+json";

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  [extension: string]: unknown;
}

export function problemBody(problem: Problem): string {
  return JSON.stringify({ type: "about:blank", ...problem });
}
