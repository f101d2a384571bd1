/*
 * A corpus of hostile inputs for the hardening tests: what a careless or malicious visitor, editor
 * or API client might type or send. Each input has a group and a label, so a failing test names it.
 *
 * Script payloads call `window.__pwned = 1` (and sometimes `alert(1)`), so a browser test can tell
 * whether any of them ever ran.
 */

export type HostileGroup = 'script' | 'url' | 'sql' | 'unicode' | 'long' | 'wrong-type' | 'path' | 'number' | 'date';

export interface HostileInput {
  group: HostileGroup;
  label: string;
  value: unknown;
}

const PWN = 'window.__pwned=1';

/** Script and HTML injection: stored as text, must always be shown escaped. */
const SCRIPT: [string, string][] = [
  ['script tag', `<script>${PWN}</script>`],
  ['script tag with alert', '<script>alert(1)</script>'],
  ['script tag, upper case', `<SCRIPT>${PWN}</SCRIPT>`],
  ['script tag, mixed case', `<ScRiPt>${PWN}</sCrIpT>`],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['script closed early', `</script><script>${PWN}</script>`],
  ['script split by null-ish comment', `<scr<!-- -->ipt>${PWN}</script>`],
  ['nested script', `<scr<script>ipt>${PWN}</scr</script>ipt>`],
  ['img onerror', `<img src=x onerror="${PWN}">`],
  ['img onerror, no quotes', `<img src=x onerror=${PWN}>`],
  ['img onerror with alert', '<img src=x onerror=alert(1)>'],
  ['img onerror, slash separator', `<img/src=x/onerror=${PWN}>`],
  ['svg onload', `<svg onload="${PWN}">`],
  ['svg onload, slash', `<svg/onload=${PWN}>`],
  ['svg with script', `<svg><script>${PWN}</script></svg>`],
  ['svg animate', `<svg><animate onbegin=${PWN} attributeName=x dur=1s>`],
  ['math href', `<math><a xlink:href="javascript:${PWN}">x</a></math>`],
  ['body onload', `<body onload=${PWN}>`],
  ['iframe srcdoc', `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`],
  ['iframe javascript src', `<iframe src="javascript:${PWN}"></iframe>`],
  ['details ontoggle', `<details open ontoggle=${PWN}>`],
  ['input autofocus onfocus', `<input autofocus onfocus=${PWN}>`],
  ['video onerror', `<video><source onerror="${PWN}"></video>`],
  ['marquee onstart', `<marquee onstart=${PWN}>x</marquee>`],
  ['object data', `<object data="javascript:${PWN}"></object>`],
  ['embed src', `<embed src="javascript:${PWN}">`],
  ['form action', `<form action="javascript:${PWN}"><button>x</button></form>`],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="https://evil.example/">'],
  ['link import', '<link rel="import" href="https://evil.example/x.html">'],
  ['style expression', '<div style="width: expression(alert(1))">x</div>'],
  ['style tag', '<style>body{background:url("javascript:alert(1)")}</style>'],
  ['attribute breakout, double quote', `"><script>${PWN}</script>`],
  ['attribute breakout, single quote', `'><script>${PWN}</script>`],
  ['attribute breakout with event', `" onmouseover="${PWN}" x="`],
  ['attribute breakout, single with event', `' onfocus='${PWN}' autofocus x='`],
  ['attribute breakout, backtick', `\` onmouseover=${PWN} x=\``],
  ['textarea breakout', `</textarea><script>${PWN}</script>`],
  ['title breakout', `</title><script>${PWN}</script>`],
  ['json script breakout', `</script><img src=x onerror=${PWN}>`],
  ['html comment breakout', `--><script>${PWN}</script><!--`],
  ['cdata', `<![CDATA[<script>${PWN}</script>]]>`],
  ['xml entity', '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>'],
  ['html entities of script', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['numeric entities of script', '&#60;script&#62;alert(1)&#60;/script&#62;'],
  ['template literal', '${alert(1)}'],
  ['angular template', '{{constructor.constructor("window.__pwned=1")()}}'],
  ['react dangerous key', '{"__html":"<img src=x onerror=alert(1)>"}'],
  ['prototype pollution text', '{"__proto__":{"polluted":true}}'],
  ['markdown link', `[click](javascript:${PWN})`],
  ['markdown image', '![x](javascript:alert(1))'],
  ['css injection', '</style><style>*{display:none}</style>'],
  ['atom feed breakout', `]]></content><script xmlns="http://www.w3.org/1999/xhtml">${PWN}</script>`],
  [
    'polyglot',
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${PWN} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${PWN}//>\\x3e`,
  ],
  ['csv formula', '=HYPERLINK("https://evil.example","click")'],
  ['csv formula, plus', '+cmd|" /C calc"!A0'],
  ['csv formula, at', '@SUM(1+1)*cmd|" /C calc"!A0'],
  ['header injection', 'value\r\nSet-Cookie: pwned=1'],
];

/** URLs that must never become a link a visitor can click into script. */
const URLS: [string, string][] = [
  ['javascript: url', 'javascript:alert(1)'],
  ['javascript: url, upper case', 'JAVASCRIPT:alert(1)'],
  ['javascript: url, mixed case', 'JaVaScRiPt:alert(1)'],
  ['javascript: url, leading space', ' javascript:alert(1)'],
  ['javascript: url, tab inside', 'java\tscript:alert(1)'],
  ['javascript: url, newline inside', 'java\nscript:alert(1)'],
  ['javascript: url, entity-encoded colon', 'javascript&colon;alert(1)'],
  ['javascript: url, numeric entity', '&#106;avascript:alert(1)'],
  ['javascript: url, percent-encoded', 'javascript%3Aalert(1)'],
  ['javascript: url, fully percent-encoded', '%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)'],
  ['javascript: url with comment', 'javascript://example.org/%0Aalert(1)'],
  ['javascript: url, control prefix', '\u0001javascript:alert(1)'],
  ['data: html url', 'data:text/html,<script>alert(1)</script>'],
  ['data: base64 url', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['data: url, upper case', 'DATA:text/html,<script>alert(1)</script>'],
  ['data: svg url', 'data:image/svg+xml,<svg onload=alert(1)>'],
  ['vbscript: url', 'vbscript:msgbox(1)'],
  ['vbscript: url, upper case', 'VBScript:MsgBox(1)'],
  ['file: url', 'file:///etc/passwd'],
  ['ftp: url', 'ftp://example.org/file'],
  ['mailto: url', 'mailto:someone@example.org'],
  ['blob: url', 'blob:https://example.org/uuid'],
  ['protocol-relative url', '//evil.example/x'],
  ['scheme-less url', 'evil.example/x'],
  ['http with credentials', 'https://user:pass@example.org/'],
  ['http with script in path', 'https://example.org/<script>alert(1)</script>'],
  ['http with quote breakout', 'https://example.org/"onmouseover="alert(1)'],
  ['http with javascript in query', 'https://example.org/?next=javascript:alert(1)'],
  ['http with IDN homoglyph host', 'https://ex\u0430mple.org/'],
  ['http with right-to-left override', 'https://example.org/\u202Egpj.exe'],
  ['http to localhost', 'http://localhost:3000/admin'],
  ['http to metadata address', 'http://169.254.169.254/latest/meta-data/'],
  ['http with a very long path', `https://example.org/${'a'.repeat(10_000)}`],
  ['http with spaces', 'https://example.org/a b c'],
  ['only a scheme', 'https://'],
  ['empty url', ''],
];

/** SQL-like strings: plain text to the app, which never builds SQL from them. */
const SQL: [string, string][] = [
  ['drop table', "'; DROP TABLE companies; --"],
  ['drop table, double quote', '"; DROP TABLE change_requests; --'],
  ['or 1=1', "' OR 1=1 --"],
  ['or 1=1, double quote', '" OR "1"="1'],
  ['or true, no quote', '1 OR 1=1'],
  ['union select', "' UNION SELECT email, password_hash FROM users --"],
  ['union select null', "' UNION SELECT NULL,NULL,NULL--"],
  ['stacked query', "1; UPDATE users SET role='ADMIN'; --"],
  ['sleep', "'; SELECT pg_sleep(10); --"],
  ['comment', "admin'/*"],
  ['backslash quote', "\\'; DROP TABLE users; --"],
  ['dollar quoting', '$$; DROP TABLE users; $$'],
  ['copy to program', "'; COPY (SELECT '') TO PROGRAM 'touch /tmp/pwned'; --"],
  ['like wildcards', '%_%'],
  ['tsquery syntax', "salesforce & !google | (amazon <-> ')"],
  // Each "-" a "not" of the next: nested past websearch_to_tsquery's stack.
  ['tsquery nested nots', `ice ${'-'.repeat(40)}`],
  ['tsquery nested nots, spaced', `ice ${'- '.repeat(40)}walkout`],
  ['regex metacharacters', '.*+?^${}()|[]\\'],
  ['prisma operator object text', '{"contains":""}'],
  ['json path', "$.users[?(@.role=='ADMIN')]"],
];

/** Unicode edge cases. */
const UNICODE: [string, string][] = [
  ['right-to-left override', 'Sales\u202Eecrof'],
  ['right-to-left override alone', '\u202E'],
  ['left-to-right and pop marks', '\u202Aabc\u202C\u2066def\u2069'],
  ['zero-width space', 'Sales\u200Bforce'],
  ['zero-width joiner', 'Sales\u200Dforce'],
  ['zero-width non-joiner', 'Sales\u200Cforce'],
  ['only zero-width spaces', '\u200B\u200B\u200B'],
  ['word joiner', 'Sales\u2060force'],
  ['combining marks', 'Z\u0351\u0354\u0355a\u0300\u0301\u0302\u0303l\u0336\u0337g\u0338o\u0489'],
  ['many combining marks', `a${'\u0301'.repeat(500)}`],
  ['decomposed e acute', 'Cafe\u0301'],
  ['composed e acute', 'Caf\u00E9'],
  ['emoji with skin tone', '\u{1F44D}\u{1F3FD} solidarity \u{1F44B}\u{1F3FF}'],
  ['emoji family (joined)', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'],
  ['flag emoji', '\u{1F1FA}\u{1F1F8}\u{1F1F2}\u{1F1FD}'],
  ['astral characters', '\u{1D54F}\u{1D560}\u{1D55F}\u{1D55A}'],
  ['NUL byte', 'before\u0000after'],
  ['NUL byte alone', '\u0000'],
  ['NUL byte at the end', 'text\u0000'],
  ['other control characters', 'a\u0001b\u0007c\u001Bd\u007F'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', 'a\uDC00b'],
  ['reversed surrogate pair', '\uDC00\uD800'],
  ['lone surrogate as an escape (text)', '\\uD800'],
  ['NUL as an escape (text)', '\\u0000'],
  ['homoglyph Cyrillic a', 'S\u0430lesforce'],
  ['homoglyph Greek omicron', 'G\u03BF\u03BFgle'],
  ['homoglyph full-width', '\uFF33\uFF41\uFF4C\uFF45\uFF53\uFF46\uFF4F\uFF52\uFF43\uFF45'],
  ['byte order mark at the start', '\uFEFFSalesforce'],
  ['byte order mark in the middle', 'Sales\uFEFFforce'],
  ['non-characters', '\uFFFE\uFFFF'],
  ['replacement character', '\uFFFD\uFFFD'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['CRLF and tabs', 'a\r\nb\tc\rd'],
  ['non-breaking and other spaces', '\u00A0\u2003\u3000text\u00A0'],
  ['only whitespace', ' \t\n '],
  ['Arabic with digits', '\u0633\u0644\u0627\u0645 123'],
  ['Hebrew', '\u05E9\u05DC\u05D5\u05DD'],
  ['CJK', '\u6297\u8BAE\u6D3B\u52A8'],
  ['Turkish dotless i', '\u0131\u0130'],
  ['German sharp s', 'Stra\u00DFe'],
  ['ligature', '\uFB01nance'],
  ['tag characters', 'a\u{E0041}\u{E0042}b'],
  ['variation selector', '\u2764\uFE0F'],
  ['Zalgo title', 'T\u0334\u0311\u0330h\u0337\u0350\u0349e\u0335\u0307\u0354'],
  ['private use', '\uE000\uF8FF'],
];

function long(label: string, length: number, unit = 'x'): [string, string] {
  return [label, unit.repeat(Math.ceil(length / unit.length)).slice(0, length)];
}

/** Very long fields. */
const LONG: [string, string][] = [
  long('201 characters', 201),
  long('301 characters', 301),
  long('2,001 characters', 2001),
  long('5,001 characters', 5001),
  long('10,000 characters', 10_000),
  long('10,001 characters', 10_001),
  long('20,001 characters', 20_001),
  long('100,000 characters', 100_000),
  long('100,000 characters of script tags', 100_000, '<script>alert(1)</script>'),
  ['10,000 emoji (20,000 UTF-16 units)', '\u{1F44D}'.repeat(10_000)],
  ['100,000 combining marks', `a${'\u0301'.repeat(100_000)}`],
  ['10,000 lines', 'line\n'.repeat(10_000)],
  ['100,000 spaces around a word', `${' '.repeat(50_000)}word${' '.repeat(50_000)}`],
];

/** Wrong types where strings are expected. */
const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['number', 42],
  ['zero', 0],
  ['negative number', -1],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['boolean true', true],
  ['boolean false', false],
  ['empty array', []],
  ['array of strings', ['a', 'b']],
  ['array with a script', ['<script>alert(1)</script>']],
  ['nested arrays', [[[[['deep']]]]]],
  ['empty object', {}],
  ['object with a string', { value: 'x' }],
  ['object like a Prisma filter', { contains: '' }],
  ['object with __proto__', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['object with toString', { toString: 'not a function' }],
  ['object with constructor', { constructor: { prototype: { polluted: true } } }],
  ['bigint-like string object', { $numberLong: '9007199254740993' }],
  ['date object', new Date('2019-01-01T00:00:00Z')],
];

/** Path tricks, for slugs and ids in addresses. */
const PATHS: [string, string][] = [
  ['dot dot slash', '../../etc/passwd'],
  ['dot dot', '..'],
  ['single dot', '.'],
  ['encoded dot dot slash', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['double-encoded dot dot slash', '%252e%252e%252f'],
  ['encoded slash', 'salesforce%2F..%2F..%2Fadmin'],
  ['encoded backslash', '..%5C..%5Cwindows'],
  ['backslashes', '..\\..\\windows\\win.ini'],
  ['NUL in a slug', 'salesforce\u0000.json'],
  ['encoded NUL', 'salesforce%00.json'],
  ['overlong UTF-8 dot', '%c0%ae%c0%ae%c0%af'],
  ['invalid percent encoding', '%E0%A4%A'],
  ['lone percent', '%'],
  ['upper-case slug', 'SALESFORCE'],
  ['slug with spaces', 'sales force'],
  ['slug with query', 'salesforce?admin=1'],
  ['slug with fragment', 'salesforce#x'],
  ['slug with semicolon', 'salesforce;jsessionid=1'],
  ['absolute url as slug', 'https://evil.example/'],
  ['a 1,000-character slug', 'a'.repeat(1000)],
  ['a 10,000-character slug', 'a'.repeat(10_000)],
  ['id of the wrong shape', 'cforgedforgedforged'],
  ['id with SQL', "c1' OR '1'='1"],
  ['id with wildcard', '*'],
  ['tilde and home', '~root'],
  ['windows device name', 'CON'],
  ['dot file', '.env'],
  ['next internals', '_next'],
];

/** Numbers: huge, negative, exponent notation, and numeric strings of every shape. */
const NUMBERS: [string, unknown][] = [
  ['huge integer string', '99999999999999999999999999999999'],
  ['17 digits', '12345678901234567'],
  ['16 digits (the largest allowed)', '9999999999999999'],
  ['huge number', 1e308],
  ['beyond safe integers', 9007199254740993],
  ['negative', '-5'],
  ['negative zero', '-0'],
  ['negative number', -250_000],
  ['exponent notation', '1e6'],
  ['exponent notation, upper case', '2.5E5'],
  ['negative exponent', '1e-7'],
  ['huge exponent', '1e308'],
  ['overflowing exponent', '1e309'],
  ['Infinity text', 'Infinity'],
  ['NaN text', 'NaN'],
  ['hexadecimal', '0x10'],
  ['octal', '0o17'],
  ['binary', '0b101'],
  ['three decimals', '1.005'],
  ['leading plus', '+100'],
  ['dollar sign', '$250,000'],
  ['european decimal comma', '250.000,50'],
  ['arabic-indic digits', '\u0662\u0665\u0660'],
  ['full-width digits', '\uFF12\uFF15\uFF10'],
  ['number with SQL', '100; DROP TABLE users'],
  ['fraction', '1/2'],
  ['decimal point only', '.'],
  ['trailing decimal point', '100.'],
];

/** Dates of every wrong shape. */
const DATES: [string, unknown][] = [
  ['far future', '9999-12-31'],
  ['year zero', '0000'],
  ['negative year', '-2019'],
  ['five-digit year', '20190'],
  ['month 13', '2019-13'],
  ['day 32', '2019-01-32'],
  ['February 30', '2019-02-30'],
  ['timestamp', '2019-01-01T00:00:00Z'],
  ['unix time', '1546300800'],
  ['written out', 'January 1st, 2019'],
  ['date with SQL', "2019'; DROP TABLE users; --"],
  ['date with NUL', '2019\u00000101'],
  ['date with script', '<script>alert(1)</script>'],
];

const group = (name: HostileGroup, entries: [string, unknown][]): HostileInput[] =>
  entries.map(([label, value]) => ({ group: name, label: `${name}: ${label}`, value }));

export const HOSTILE_INPUTS: readonly HostileInput[] = [
  ...group('script', SCRIPT),
  ...group('url', URLS),
  ...group('sql', SQL),
  ...group('unicode', UNICODE),
  ...group('long', LONG),
  ...group('wrong-type', WRONG_TYPES),
  ...group('path', PATHS),
  ...group('number', NUMBERS),
  ...group('date', DATES),
];

export const inputsOf = (...groups: HostileGroup[]): HostileInput[] =>
  HOSTILE_INPUTS.filter((input) => groups.includes(input.group));

/** The inputs that are strings (what can travel in an address, a query or a form). */
export const stringInputs = (...groups: HostileGroup[]): { label: string; value: string }[] =>
  (groups.length ? inputsOf(...groups) : [...HOSTILE_INPUTS]).flatMap((input) =>
    typeof input.value === 'string' ? [{ label: input.label, value: input.value }] : [],
  );

/** Oversized bodies, made on demand (they are large). */
export const oversizedBody = (megabytes: number): string => 'x'.repeat(megabytes * 1024 * 1024);

/**
 * notFound()'s digest as a page's payload writes it, in a text long enough (1,024 characters or
 * more) for React to send it as a raw text row: a page showing it must still answer 200.
 */
export const FORGED_NOT_FOUND = `${'A text long enough to travel as a raw row of the page’s payload. '.repeat(17)}:E{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"}\n`;

/** Script payloads that set `window.__pwned` when they run: for the stored-XSS check. */
export const XSS_PAYLOADS = {
  reason: `<script>${PWN}</script><img src=x onerror="${PWN};alert(1)">`,
  quote: `"><svg onload=${PWN}><a href="javascript:${PWN}">q</a>`,
  attribution: `'><img src=x onerror=alert(1)>`,
  organization: `<img src=x onerror=${PWN}> Fund`,
} as const;
