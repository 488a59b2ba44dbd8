/**
 * @module
 * Photos into a story: chosen with the file picker or dropped on the body, uploaded with
 * `POST /api/v1/media` (R2 and the Images binding), then written into the body as a figure whose
 * caption, credit and alt text the editor fills in (the schema refuses a figure without a caption).
 */

import { call, problemText } from "./client.ts";
import { say } from "./dom.ts";

interface Uploaded {
  url: string;
  width: number;
  height: number;
}

async function upload(file: File, body: HTMLTextAreaElement): Promise<void> {
  say(`Uploading ${file.name}…`);
  const answer = await call<Uploaded>("POST", "/api/v1/media", { body: file }).catch(() => null);
  if (!answer || !answer.ok) return say(`${file.name} was not added: ${answer ? problemText(answer) : "the server could not be reached"}`, "error");
  const figure = `::: figure\ncaption: \ncredit: \nalt: \nsrc: ${answer.data.url}\nwidth: ${answer.data.width}\nheight: ${answer.data.height}\n:::`;
  const at = body.selectionStart ?? body.value.length;
  const before = body.value.slice(0, at).replace(/\s*$/, "");
  const after = body.value.slice(at).replace(/^\s*/, "");
  body.value = [before, figure, after].filter(Boolean).join("\n\n");
  const caption = body.value.indexOf("caption: ", before.length) + "caption: ".length;
  body.focus();
  body.setSelectionRange(caption, caption);
  body.dispatchEvent(new Event("input", { bubbles: true }));
  say(`${file.name} added: write its caption, credit and alt text in the figure.`, "ok");
}

export function addPhotos(body: HTMLTextAreaElement, picker: HTMLInputElement): void {
  picker.addEventListener("change", async () => {
    for (const file of picker.files ?? []) await upload(file, body);
    picker.value = "";
  });
  body.addEventListener("dragover", (e) => {
    if (e.dataTransfer?.types.includes("Files")) {
      e.preventDefault();
      body.classList.add("dropping");
    }
  });
  body.addEventListener("dragleave", () => body.classList.remove("dropping"));
  body.addEventListener("drop", async (e) => {
    const files = [...(e.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    e.preventDefault();
    body.classList.remove("dropping");
    for (const file of files) await upload(file, body);
  });
}
