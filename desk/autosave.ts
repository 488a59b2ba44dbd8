/**
 * @module
 * Nothing typed is lost. Every change is kept in this browser's storage at once; every few seconds a
 * story that has been saved also gets a private working copy on the server (`PUT /desk/api/autosave/<id>`
 * with `If-Match`: only over the version the editor is working on), which readers never see, and
 * which the story's next save replaces — as WordPress's autosave revisions do for live stories. The
 * page warns before it is left while something is neither saved nor autosaved.
 */

import type { StoryText } from "./article-text.ts";
import { call } from "./client.ts";
import { shortTime } from "./dom.ts";

const EVERY_MS = 10_000;

export interface Autosaver {
  /** The form changed. */
  changed(): void;
  /** The story was saved (or loaded) with this text: nothing is pending. */
  saved(text: StoryText): void;
  /** The browser's copy of a story (`key`), if it differs from `current`. */
  local(current: StoryText): { at: string; text: StoryText } | null;
  forgetLocal(): void;
  discardServer(): Promise<void>;
}

export function autosaver(story: { id: () => string | null; etag: () => string | null; text: () => StoryText }, tell: (message: string) => void): Autosaver {
  let savedText = "";
  let autosaved = "";
  let busy = false;
  const key = () => `desk:story:${story.id() ?? "new"}`;
  const now = () => JSON.stringify(story.text());
  const pending = () => now() !== savedText && now() !== autosaved;

  async function tick(): Promise<void> {
    const id = story.id();
    const etag = story.etag();
    const text = now();
    if (busy || !id || !etag || text === savedText || text === autosaved) return;
    busy = true;
    const answer = await call("PUT", `/desk/api/autosave/${encodeURIComponent(id)}`, { body: JSON.parse(text), headers: { "If-Match": etag } }).catch(
      () => null,
    );
    busy = false;
    if (answer?.status === 204) {
      autosaved = text;
      tell(`Autosaved privately at ${shortTime(new Date().toISOString())}: readers see the last saved version until you save.`);
    } else if (answer?.status === 412) tell("Autosave paused: a colleague saved a newer version. Save, and the two are merged.");
  }

  setInterval(() => void tick(), EVERY_MS);
  addEventListener("beforeunload", (e) => {
    if (!pending()) return;
    e.preventDefault();
    e.returnValue = "";
  });

  return {
    changed() {
      localStorage.setItem(key(), JSON.stringify({ at: new Date().toISOString(), text: story.text() }));
    },
    saved(text) {
      savedText = JSON.stringify(text);
      autosaved = "";
      localStorage.removeItem(key());
    },
    local(current) {
      const kept = localStorage.getItem(key());
      if (!kept) return null;
      const copy = JSON.parse(kept) as { at: string; text: StoryText };
      if (JSON.stringify(copy.text) === JSON.stringify(current)) {
        localStorage.removeItem(key());
        return null;
      }
      return copy;
    },
    forgetLocal() {
      localStorage.removeItem(key());
    },
    async discardServer() {
      const id = story.id();
      if (id) await call("DELETE", `/desk/api/autosave/${encodeURIComponent(id)}`).catch(() => null);
    },
  };
}
