import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, looksLikeHtml } from './html.ts';

describe('htmlToText', () => {
  const page = `<!doctype html><html><head><title>t</title>
<meta property="article:published_time" content="2025-10-21T08:00:00+03:00">
<script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav><a>Home</a> Markets</nav><div class="ad-slot">Buy now</div>
<article><p>Body one &amp; more.</p><p>Body two</p>
<blockquote class="twitter-tweet"><p>A tweet</p>&mdash; someone</blockquote></article>
<footer>© footer</footer></body></html>`;

  it('keeps the body, drops scripts, styles, nav, ads and footer', () => {
    const r = htmlToText(page);
    const body = r.segments.find((s) => s.kind === 'body')?.text ?? '';
    expect(body).toContain('Body one & more.');
    expect(body).toContain('Body two');
    for (const gone of ['not text', 'Home', 'Buy now', 'footer', 'A tweet']) expect(body).not.toContain(gone);
  });

  it('keeps an embedded post apart as its own segment', () => {
    expect(
      htmlToText(page)
        .segments.filter((s) => s.kind === 'embed')
        .map((s) => s.text.trim()),
    ).toEqual(['A tweet\n— someone']);
  });

  it('reads a line break inside a paragraph as a space, and a block element as a line', () => {
    const r = htmlToText('<p>China said on Friday\n      it would suspend</p><p>Second</p>');
    expect(r.segments[0]?.text.trim()).toBe('China said on Friday it would suspend\n\nSecond');
  });

  it('reads the publication date from the page', () => {
    expect(htmlToText(page).published).toBe('2025-10-21');
    expect(htmlToText('<p>x</p><time datetime="2024-12-03">3 Dec</time>').published).toBe('2024-12-03');
  });

  it('survives unclosed tags, stray angle brackets and an unterminated comment', () => {
    const r = htmlToText('<div><p>a < b and c > d<p>second<!-- never closed');
    expect(r.segments[0]?.text).toContain('a < b and c > d');
    expect(r.segments[0]?.text).toContain('second');
  });

  it('reads a megabyte of angle brackets in linear time', () => {
    const t0 = performance.now();
    htmlToText('<'.repeat(500_000) + '<div>'.repeat(100_000) + '<script>'.repeat(10_000));
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('looksLikeHtml and decodeEntities', () => {
  it('tells HTML from text', () => {
    expect(looksLikeHtml('<html><body>x</body></html>')).toBe(true);
    expect(looksLikeHtml('a < b, c > d')).toBe(false);
  });

  it('decodes numeric and named references and leaves unknown ones', () => {
    expect(decodeEntities('&#x65E5;&#26412; &amp; &nbsp;&unknown; &#xD800;')).toBe('日本 &  &unknown; \uFFFD');
  });
});
