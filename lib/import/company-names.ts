import { cleanLabel, titleCase } from '../text';

export interface CanonicalCompany {
  /** The display name the record uses. */
  name: string;
  /** The display name of the parent company, when the company is a subsidiary. */
  parent?: string;
  /** Other names the company is known by (the raw data set name is kept too, unless it is a slip). */
  aliases?: string[];
  /**
   * The data set's name is a slip ("foodera" for Foodora), not a name the company goes by: it is not
   * kept as one of its names, which its profile lists as "Also known as".
   */
  slip?: true;
}

/**
 * Names in the Collective Action in Tech data set that need more than title case: display casing,
 * a parent company, or a merge of two spellings of one company. Everything else is title-cased.
 */
const KNOWN: Record<string, CanonicalCompany> = {
  alphabet: { name: 'Alphabet' },
  google: { name: 'Google', parent: 'Alphabet' },
  youtube: { name: 'YouTube', parent: 'Google' },
  github: { name: 'GitHub', parent: 'Microsoft' },
  microsoft: { name: 'Microsoft' },
  // Amazon Web Services holds Amazon's government cloud contracts (USAspending names it as their
  // recipient), and the data set's descriptions and the news call it AWS.
  amazon: { name: 'Amazon', aliases: ['Amazon.com', 'Amazon Web Services', 'AWS'] },
  whole_foods: { name: 'Whole Foods Market', parent: 'Amazon', aliases: ['Whole Foods'] },
  twitch: { name: 'Twitch', parent: 'Amazon' },
  mechanical_turk: { name: 'Amazon Mechanical Turk', parent: 'Amazon', aliases: ['Mechanical Turk', 'MTurk'] },
  // Facebook, Inc. renamed itself Meta Platforms in October 2021; the data set uses both names.
  facebook: { name: 'Meta', aliases: ['Facebook', 'Meta Platforms'] },
  meta: { name: 'Meta', aliases: ['Facebook', 'Meta Platforms'] },
  instagram: { name: 'Instagram', parent: 'Meta' },
  whatsapp: { name: 'WhatsApp', parent: 'Meta' },
  salesforce: { name: 'Salesforce', aliases: ['Salesforce.com'] },
  slack: { name: 'Slack', parent: 'Salesforce' },
  tableau: { name: 'Tableau', parent: 'Salesforce' },
  spotify: { name: 'Spotify' },
  'gimlet media': { name: 'Gimlet Media', parent: 'Spotify' },
  parcast: { name: 'Parcast', parent: 'Spotify' },
  'the ringer': { name: 'The Ringer', parent: 'Spotify' },
  uber: { name: 'Uber' },
  ubereats: { name: 'Uber Eats', parent: 'Uber' },
  postmates: { name: 'Postmates' },
  alibaba: { name: 'Alibaba' },
  'ele.me': { name: 'Ele.me', parent: 'Alibaba' },
  didi: { name: 'DiDi' },
  didi_food: { name: 'DiDi Food', parent: 'DiDi' },
  bytedance: { name: 'ByteDance' },
  tiktok: { name: 'TikTok', parent: 'ByteDance' },
  ibm: { name: 'IBM' },
  hp: { name: 'HP' },
  lg: { name: 'LG' },
  'at&t': { name: 'AT&T' },
  mit: { name: 'MIT', aliases: ['Massachusetts Institute of Technology'] },
  npr: { name: 'NPR' },
  NPR: { name: 'NPR' },
  CPL: { name: 'CPL' },
  N26: { name: 'N26' },
  g4s: { name: 'G4S' },
  h3c: { name: 'H3C' },
  ebay: { name: 'eBay' },
  eFood: { name: 'efood' },
  iFood: { name: 'iFood' },
  okcupid: { name: 'OkCupid' },
  doordash: { name: 'DoorDash' },
  wework: { name: 'WeWork' },
  gopuff: { name: 'Gopuff' },
  viacomcbs: { name: 'ViacomCBS' },
  'sap se': { name: 'SAP', aliases: ['SAP SE'] },
  'sf express': { name: 'SF Express' },
  justeatuk: { name: 'Just Eat UK' },
  hellofresh: { name: 'HelloFresh' },
  'nava pbc': { name: 'Nava PBC' },
  everyaction: { name: 'EveryAction' },
  actblue: { name: 'ActBlue' },
  'bosch.io': { name: 'Bosch.IO', parent: 'Bosch' },
  'change.org': { name: 'Change.org' },
  'chinese literature': { name: 'China Literature', slip: true },
  'the new york times': { name: 'The New York Times' },
  'blue origin': { name: 'Blue Origin' },
  'Blue Origin': { name: 'Blue Origin' },
  'carnegie mellon university': { name: 'Carnegie Mellon University' },
  korea_advanced_institute_of_science_and_technology: {
    name: 'KAIST',
    aliases: ['Korea Advanced Institute of Science and Technology'],
  },
  free_software_foundation: { name: 'Free Software Foundation', aliases: ['FSF'] },
  internet_archive: { name: 'Internet Archive' },
  npm: { name: 'npm' },
  // Spelling slips in the data set: the descriptions name the companies correctly.
  foodera: { name: 'Foodora', slip: true },
  'yemeksepti banabi': { name: 'Yemeksepeti Banabi', slip: true },
  'bds connected solutions': { name: 'BDS Connected Solutions', aliases: ['BDS Solutions Group'] },
  'bds solutions group': { name: 'BDS Connected Solutions', aliases: ['BDS Solutions Group'] },
  'flash ex': { name: 'FlashEx' },
  etown: { name: 'etown.com' },
  hilfr: { name: 'Hilfr.dk', aliases: ['Hilfr'] },
  'code for america': { name: 'Code for America' },
  'do something': { name: 'DoSomething.org', aliases: ['Do Something'] },
  sumup: { name: 'SumUp' },
  // The Turkish couriers, as they write their own names (the data set's English "cargo" is none of them).
  'yurtici cargo': { name: 'Yurtiçi Kargo', slip: true },
  'aras cargo': { name: 'Aras Kargo', slip: true },
  'surat cargo': { name: 'Sürat Kargo', slip: true },
};

/** The company a raw data set name stands for; null for the data set's "na". */
export function canonicalCompany(raw: string): CanonicalCompany | null {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.toLowerCase() === 'na') return null;
  return KNOWN[trimmed] ?? KNOWN[trimmed.toLowerCase()] ?? { name: titleCase(cleanLabel(trimmed)) };
}
