/**
 * Image files beside the articles: the content build turns a figure's `src: media/…` into the URL the
 * Worker serves the photo at, with the dimensions decoded from the file, and lists the file for R2.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { loadContent } from "../../tools/content/build.ts";
import { localMediaPaths, mediaResolver } from "../../scripts/lib/content-media.ts";

const DIR = "content/media/node-test-tmp";
const JPEG = readFileSync("tests/support/fixtures/media/photo-1600x900.jpg");
const source = (src: string) =>
  [
    "---",
    "id: 990001",
    "section: News",
    "headline: With a photo",
    "published: 2021-01-01",
    "---",
    "",
    "::: figure",
    "caption: A quay.",
    "credit: Photo by Test",
    `src: ${src}`,
    "alt: Ships",
    ":::",
    "",
    "Text.",
    "",
  ].join("\n");

before(() => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/quay.jpg`, JPEG);
  writeFileSync(`${DIR}/notes.jpg`, "not an image at all");
});
after(() => rmSync(DIR, { recursive: true, force: true }));

describe("content/media files", () => {
  it("become the upload URL with decoded width and height, and are listed for R2", async () => {
    const files = [{ name: "a.md", source: source("media/node-test-tmp/quay.jpg") }];
    const media = await mediaResolver("https://www.presstv.ir", localMediaPaths(files));
    const built = loadContent(files, { media: media.resolve });
    assert.ok(built.ok, JSON.stringify(!built.ok && built.errors));
    const article = built.value.find((a) => a.id === "990001")!;
    const sha = createHash("sha256").update(JPEG).digest("hex");
    assert.deepEqual(article.body[0], {
      type: "figure",
      caption: "A quay.",
      credit: "Photo by Test",
      src: `https://www.presstv.ir/media/${sha}`,
      alt: "Ships",
      width: 1600,
      height: 900,
    });
    assert.deepEqual([...media.files.values()], [{ key: `media/${sha}`, file: `${DIR}/quay.jpg`, type: "image/jpeg", width: 1600, height: 900 }]);
  });

  for (const [src, message] of [
    ["media/node-test-tmp/notes.jpg", "is not a JPEG, PNG, WebP or AVIF image"],
    ["media/node-test-tmp/missing.jpg", "does not exist"],
    ["../package.json", "must be https or a file under content/media/"],
    ["media/../../package.json", "must be https or a file under content/media/"],
  ]) {
    it(`refuses ${src}, naming the line`, async () => {
      const files = [{ name: "a.md", source: source(src) }];
      const media = await mediaResolver("https://www.presstv.ir", localMediaPaths(files));
      const built = loadContent(files, { media: media.resolve });
      assert.ok(!built.ok);
      const error = built.errors.find((e) => e.field === "a.md: line 11");
      assert.ok(error?.message.includes(message), JSON.stringify(built.errors));
      assert.equal(media.files.size, 0);
    });
  }
});
