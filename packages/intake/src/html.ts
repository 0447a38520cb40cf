/**
 * HTML to text without a DOM: a single left-to-right scan of tags. Boilerplate (scripts, styles, nav,
 * header, footer, aside, forms, iframes, comments) is dropped; embedded posts (tweet and Instagram
 * blockquotes, Facebook posts, elements marked as embeds) are kept apart as weaker evidence.
 */

export interface RawSegment {
  readonly text: string;
  readonly kind: 'body' | 'embed';
}

export interface HtmlText {
  readonly segments: RawSegment[];
  /** From `article:published_time`, `datePublished` or the first `<time datetime>`, as yyyy-mm-dd. */
  readonly published: string | null;
}

const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'button',
  'select',
  'head',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'source', 'wbr', 'area', 'base', 'col', 'embed']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'table',
  'section',
  'article',
  'blockquote',
  'figure',
  'figcaption',
  'main',
  'hr',
  'dd',
  'dt',
]);
const EMBED_CLASS = /\b(twitter-tweet|instagram-media|fb-post|tiktok-embed|embed|social-embed|bluesky-embed)\b/i;
const BOILERPLATE_CLASS =
  /\b(nav|navbar|menu|footer|cookie|banner|advert|ad-slot|ads|sidebar|share|related|newsletter)\b/i;

// In HTML a line break inside text is a space; lines come from block elements.
const textNode = (s: string) => decodeEntities(s).replace(/[ \t\r\n\f]+/g, ' ');

/** Is this text HTML rather than plain text? */
export function looksLikeHtml(text: string): boolean {
  return /<(!doctype html|html|body|div|p|article|blockquote|span|a|br)\b[^>]{0,500}>/i.test(text.slice(0, 5000));
}

interface Frame {
  readonly name: string;
  readonly drop: boolean;
  readonly embed: boolean;
}

/** Strips an HTML page to its body text and its embedded posts. */
export function htmlToText(html: string): HtmlText {
  const body: string[] = [];
  const embeds: string[] = [];
  let current: string[] = [];
  const stack: Frame[] = [];
  // Counts of dropping and embed frames on the stack, kept as frames come and go (no rescans).
  let drops = 0;
  let embedsOpen = 0;
  let published: string | null = null;
  const emit = (s: string) => {
    if (drops > 0) return;
    (embedsOpen > 0 ? current : body).push(s);
  };
  const push = (f: Frame) => {
    stack.push(f);
    if (f.drop) drops++;
    if (f.embed) embedsOpen++;
  };
  const popTo = (at: number) => {
    while (stack.length > at) {
      const f = stack.pop() as Frame;
      if (f.drop) drops--;
      if (f.embed) embedsOpen--;
    }
  };
  // The next '<' and '>' at or after a position, remembered so that the scan stays linear.
  let nextGt = -1;
  let nextLt = -1;
  const gtFrom = (from: number) => {
    if (nextGt < from && nextGt !== -2) {
      nextGt = html.indexOf('>', from);
      if (nextGt < 0) nextGt = -2;
    }
    return nextGt === -2 ? -1 : nextGt;
  };
  const ltFrom = (from: number) => {
    if (nextLt < from && nextLt !== -2) {
      nextLt = html.indexOf('<', from);
      if (nextLt < 0) nextLt = -2;
    }
    return nextLt === -2 ? -1 : nextLt;
  };
  let i = 0;
  while (i < html.length) {
    const lt = ltFrom(i);
    if (lt < 0) {
      emit(textNode(html.slice(i)));
      break;
    }
    if (lt > i) emit(textNode(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const gt = gtFrom(lt + 1);
    const following = ltFrom(lt + 1);
    // A '<' with no '>' before the next '<' is text ("a < b").
    if (gt < 0 || (following >= 0 && following < gt)) {
      emit('<');
      i = lt + 1;
      continue;
    }
    const tag = html.slice(lt + 1, gt);
    i = gt + 1;
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})/.exec(tag);
    if (!m) {
      if (!tag.startsWith('!') && !tag.startsWith('?')) emit(decodeEntities(`<${tag}>`));
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] as string).toLowerCase();
    if (name === 'meta' || name === 'time') published ??= publishedFrom(tag);
    if (BLOCK.has(name)) emit('\n');
    if (closing) {
      const at = findLast(stack, name);
      if (at < 0) continue;
      const wasEmbed = embedsOpen > 0;
      popTo(at);
      if (wasEmbed && embedsOpen === 0) {
        const text = current.join('').trim();
        if (text) embeds.push(text);
        current = [];
      }
      continue;
    }
    if (VOID.has(name) || tag.endsWith('/')) continue;
    if (RAW_TEXT.has(name)) {
      const closer = new RegExp(`</${name}`, 'gi');
      closer.lastIndex = i;
      const end = closer.exec(html)?.index ?? -1;
      const inner = html.slice(i, end < 0 ? html.length : end);
      if (name === 'textarea') emit(decodeEntities(inner));
      i = end < 0 ? html.length : end;
      push({ name, drop: true, embed: false });
      continue;
    }
    const cls = attribute(tag, 'class') ?? '';
    const role = attribute(tag, 'role') ?? '';
    const drop =
      DROP.has(name) ||
      role === 'navigation' ||
      role === 'banner' ||
      role === 'contentinfo' ||
      (BOILERPLATE_CLASS.test(cls) && !EMBED_CLASS.test(cls));
    const embed = !drop && (EMBED_CLASS.test(cls) || attribute(tag, 'data-embed') !== null);
    push({ name, drop, embed });
  }
  const rest = current.join('').trim();
  if (rest) embeds.push(rest);
  return {
    segments: [
      { text: body.join(''), kind: 'body' as const },
      ...embeds.map((text) => ({ text, kind: 'embed' as const })),
    ].filter((s) => s.text.trim() !== ''),
    published,
  };
}

/** The innermost open element of that name, looked for among the last few only (unclosed tags pile up). */
function findLast(stack: readonly Frame[], name: string): number {
  for (let k = stack.length - 1; k >= 0 && k >= stack.length - 256; k--) if (stack[k]?.name === name) return k;
  return -1;
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]{0,2000})"|'([^']{0,2000})'|([^\\s>]{1,2000}))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : null;
}

function publishedFrom(tag: string): string | null {
  const prop = `${attribute(tag, 'property') ?? ''} ${attribute(tag, 'name') ?? ''} ${attribute(tag, 'itemprop') ?? ''}`;
  const value = /^time/i.test(tag)
    ? attribute(tag, 'datetime')
    : /published_time|datePublished|pubdate|publish-date/i.test(prop)
      ? attribute(tag, 'content')
      : null;
  const day = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return day ? (day[1] as string) : null;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  middot: '·',
  copy: '©',
};

/** Decodes character references; an unknown name is left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    }
    return NAMED[ref] ?? whole;
  });
}
