import { describe, expect, it } from 'vitest';
import { canonicalCompany } from '@/lib/import/company-names';
import { parsePlace, typedPlace } from '@/lib/import/places';
import { CONTROLLED_TERMS, tagLabel, termSlug } from '@/lib/vocabulary';

describe('parsePlace', () => {
  it('reads city, region and country', () => {
    expect(parsePlace('new york city-new york-usa')).toEqual({
      label: 'New York City, New York, USA',
      city: 'New York City',
      region: 'New York',
      country: 'US',
    });
  });

  it('tells a US state from a city when only two parts are given', () => {
    expect(parsePlace('california-usa')).toMatchObject({ region: 'California', city: null, country: 'US' });
    expect(parsePlace('wuhan-china')).toMatchObject({ city: 'Wuhan', region: null, country: 'CN' });
    // A province or state of another country is a region too; a city that is its own province stays a city.
    expect(parsePlace('jiangsu-china')).toMatchObject({ region: 'Jiangsu', city: null, country: 'CN' });
    expect(parsePlace('telangana-india')).toMatchObject({ region: 'Telangana', city: null, country: 'IN' });
    expect(parsePlace('tuscany-italy')).toMatchObject({ region: 'Tuscany', city: null, country: 'IT' });
    expect(parsePlace('beijing-china')).toMatchObject({ city: 'Beijing', region: null, country: 'CN' });
  });

  it('spells a place as it is spelt where the data set slipped, and one place one way', () => {
    expect(parsePlace('philadephia-pennsylvania-usa')).toMatchObject({
      label: 'Philadelphia, Pennsylvania, USA',
      city: 'Philadelphia',
    });
    expect(parsePlace('boston-massachussetts-usa')).toMatchObject({ region: 'Massachusetts' });
    expect(parsePlace('sheffield-englad-uk')).toMatchObject({ label: 'Sheffield, England, UK', region: 'England' });
    expect(parsePlace('rio de janiero-brazil')).toMatchObject({
      label: 'Rio de Janeiro, Brazil',
      city: 'Rio de Janeiro',
    });
    expect(parsePlace('shenzen-china')).toMatchObject({ label: 'Shenzhen, China', city: 'Shenzhen' });
    expect(parsePlace('shen zhen-china')).toMatchObject({ label: 'Shenzhen, China', city: 'Shenzhen' });
  });

  it('keeps places that are not countries as labels', () => {
    expect(parsePlace('worldwide')).toEqual({ label: 'Worldwide', city: null, region: null, country: null });
    expect(parsePlace('usa')).toEqual({ label: 'USA', city: null, region: null, country: 'US' });
    expect(parsePlace('online')).toBe('online');
  });
});

describe('typedPlace', () => {
  it('reads a place as a form gives it, from the most local part to the country, its words kept', () => {
    expect(typedPlace(' New York City,  New York, USA ')).toEqual({
      label: 'New York City, New York, USA',
      city: 'New York City',
      region: 'New York',
      country: 'US',
    });
    expect(typedPlace('California, United States')).toEqual({
      label: 'California, United States',
      city: null,
      region: 'California',
      country: 'US',
    });
    expect(typedPlace('Nairobi, Kenya')).toMatchObject({ city: 'Nairobi', region: null, country: 'KE' });
    expect(typedPlace('London, U.K.')).toMatchObject({ city: 'London', country: 'GB' });
    expect(typedPlace('Dublin, IE')).toMatchObject({ city: 'Dublin', country: 'IE' });
    expect(typedPlace('Kenya')).toEqual({ label: 'Kenya', city: null, region: null, country: 'KE' });
    // Read as the data set's are: the last two parts before the country are the city and the region;
    // one part alone that is no country is no city either.
    expect(typedPlace('Staten Island, New York City, New York, USA')).toMatchObject({
      city: 'New York City',
      region: 'New York',
      country: 'US',
    });
    expect(typedPlace('Worldwide')).toEqual({ label: 'Worldwide', city: null, region: null, country: null });
    expect(typedPlace('Springfield, Narnia')).toMatchObject({ city: 'Springfield', region: 'Narnia', country: null });
    // Its parts set apart by a comma and a space, whatever the spacing typed.
    expect(typedPlace('Portland ,  Oregon , USA').label).toBe('Portland, Oregon, USA');
  });
});

describe('vocabulary', () => {
  it('reduces spelling variants to one slug', () => {
    expect(termSlug('coworker_solidarity')).toBe(termSlug('coworker solidarity'));
    expect(termSlug('Open Letter')).toBe('open-letter');
  });

  it('lists "inhouse workers" as another spelling of in-house workers', () => {
    const inHouse = CONTROLLED_TERMS.EMPLOYMENT_TYPE.find((term) => term.slug === 'in-house-workers');
    expect(inHouse?.aliases?.map(termSlug)).toContain(termSlug('inhouse workers'));
  });

  it('keeps "union representation" a form of its own, apart from union drive', () => {
    const forms = CONTROLLED_TERMS.ACTION_FORM;
    const representation = forms.find((term) => term.slug === termSlug('union representation'));
    expect(representation?.label).toBe('Union representation');
    expect(representation?.description).toBeTruthy();
    const spellings = forms.flatMap((term) => (term.aliases ?? []).map(termSlug));
    expect(spellings).not.toContain('union-representation');
  });

  it('labels tags readably', () => {
    expect(tagLabel('climate_change')).toBe('Climate change');
    expect(tagLabel('ice')).toBe('ICE');
    // A tag that is a name is written as its owners write it.
    expect(tagLabel('temporary_workers_of_america')).toBe('Temporary Workers of America');
    expect(tagLabel('unite_here')).toBe('UNITE HERE');
  });
});

describe('canonicalCompany', () => {
  it('gives display casing and parents', () => {
    expect(canonicalCompany('ibm')).toEqual({ name: 'IBM' });
    expect(canonicalCompany('github')).toEqual({ name: 'GitHub', parent: 'Microsoft' });
    expect(canonicalCompany('google')).toMatchObject({ name: 'Google', parent: 'Alphabet' });
    expect(canonicalCompany('facebook')?.name).toBe(canonicalCompany('meta')?.name);
  });

  it('title-cases names it does not know and reads "na" as no company', () => {
    expect(canonicalCompany('gimlet media')).toMatchObject({ name: 'Gimlet Media' });
    expect(canonicalCompany('loop transportation')).toEqual({ name: 'Loop Transportation' });
    expect(canonicalCompany('na')).toBeNull();
  });

  it("mends the data set's misspellings and merges its two spellings of one company", () => {
    expect(canonicalCompany('foodera')?.name).toBe(canonicalCompany('foodora')?.name);
    expect(canonicalCompany('yemeksepti banabi')?.name).toBe('Yemeksepeti Banabi');
    expect(canonicalCompany('bds solutions group')?.name).toBe('BDS Connected Solutions');
    expect(canonicalCompany('bds connected solutions')?.name).toBe('BDS Connected Solutions');
  });
});
