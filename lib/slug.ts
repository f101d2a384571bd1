import anyAscii from 'any-ascii';
import { fold } from './text';

/**
 * A URL-safe identifier: "AT&T" -> "at-and-t", "Ele.me" -> "ele-me", "Яндекс" -> "yandeks",
 * "罢工" -> "bagong". Addresses take ASCII slugs, so a name in another script is written in Latin
 * letters (any-ascii's romanisation) rather than dropped: two names in Cyrillic would otherwise share
 * one empty slug. Symbols (©, ®, $, emoji) are left out, not spelled out.
 *
 * Kept apart from lib/text.ts, which pages in the browser import, so that the romanisation tables
 * stay on the server.
 */
export function slugify(name: string): string {
  return (
    shortened(
      asciiWords(
        fold(name)
          .replace(/&/g, ' and ')
          .replace(/\p{S}+/gu, ' '),
      ),
    ) || 'unnamed'
  );
}

/**
 * A text's letters and digits in Latin letters, lower case, joined by hyphens ("Sürat Kargo" is
 * surat-kargo, "Москва" moskva); empty when it has none. The steps a slug and an export's file
 * name share.
 */
export function asciiWords(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** At most 80 characters, cut between words where a word ends past half of them ("…-to-check", not "…-to-che"). */
function shortened(slug: string): string {
  if (slug.length <= 80) return slug;
  const cut = slug.slice(0, 81);
  const lastBreak = cut.lastIndexOf('-');
  return lastBreak >= 40 ? cut.slice(0, lastBreak) : cut.slice(0, 80).replace(/-+$/, '');
}
