import { escapeHtml, markdownCell } from "../../src/core/markdown";

describe("markdownCell", () => {
  it("escapes the pipe that would end the cell", () => {
    expect(markdownCell("a | b")).toBe("a \\| b");
  });

  it("folds line breaks (LF and CRLF) into spaces, keeping the row on one line", () => {
    expect(markdownCell("one\ntwo\r\nthree")).toBe("one two three");
  });

  it("escapes HTML so plan text cannot open a tag", () => {
    expect(markdownCell("<details> & more")).toBe("&lt;details&gt; &amp; more");
    expect(escapeHtml("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });
});
