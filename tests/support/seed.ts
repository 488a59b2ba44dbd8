// The seed article, the one file of content/ the tests rely on. Publishers add articles to content/
// (a photo story, fifty more…); the tests must pass whatever else it holds, so they read this file
// alone and publish every other article they need themselves (issue 23, item 20).
import source from "../../content/articles/2020-02-27-turkish-troops-killed-in-idlib.md?raw";

export const SEED_FILE = "content/articles/2020-02-27-turkish-troops-killed-in-idlib.md";
export const SEED_SOURCE: string = source;
