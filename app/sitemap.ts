import type { MetadataRoute } from 'next';
import { cacheLife, cacheTag } from 'next/cache';
import { connection } from 'next/server';
import { cacheTags } from '@/lib/cache-tags';
import { listSitemapEntries } from '@/lib/data/sitemap';
import { READY_COMPARISONS } from '@/lib/ready-comparisons';
import { siteUrl } from '@/lib/site';

const LISTS = [
  '/',
  '/companies',
  '/incidents',
  '/contracts',
  '/agencies',
  '/organizations',
  '/compare',
  '/api-docs',
  '/about',
];

async function cachedEntries() {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.lists);
  return listSitemapEntries();
}

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  // Built from the database when asked, not when the app is built (which has no database).
  await connection();
  const base = siteUrl();
  const entries = await cachedEntries();
  return [
    ...LISTS.map((path) => ({ url: `${base}${path}` })),
    ...READY_COMPARISONS.map((ready) => ({ url: `${base}/compare?companies=${ready.slugs.join(',')}` })),
    ...entries.map((entry) => ({ url: `${base}${entry.path}`, lastModified: entry.updatedAt })),
  ];
}
