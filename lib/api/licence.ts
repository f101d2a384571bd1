/** The licence and citation the open-data interface hands out with its data (API, exports, feeds, docs). */
export const LICENCE = {
  name: 'CC0 1.0 (public domain dedication)',
  /** The SPDX identifier of Counterweight's own data. */
  spdx: 'CC0-1.0',
  url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  summary:
    'Counterweight dedicates its own data (the records, their summaries and figures) to the public domain under CC0 1.0 ' +
    '(https://creativecommons.org/publicdomain/zero/1.0/). The employee actions imported from Collective Action in Tech ' +
    '(externalSource "collective-action-tech") are in the public domain too: its authors released the data set under The ' +
    'Unlicense. Quotations inside records remain their authors\u2019, and the sources they link to their publishers\u2019. ' +
    'No permission is needed to reuse the data; please cite Counterweight together with the original sources each record lists.',
  dataSet: {
    title: 'Collective Action in Tech',
    citation:
      'Tan, J. S., and Nedzhvetskaya, N. (2020). Collective Action in Tech. https://github.com/collective-action/tech',
    licence: 'The Unlicense (public domain)',
    url: 'https://github.com/collective-action/tech',
  },
  howToCite:
    'Counterweight. "<the title of the page or list>." Version <version>, last changed <the day of updatedAt> (for an ' +
    'incident: an action, contract, donation response or statement). <the address you used>, read on <day month year>; and the original ' +
    'sources (url, publisher, title, date) listed in each record\u2019s "sources". For employee actions from the data set, ' +
    'also cite Tan and Nedzhvetskaya (2020).',
} as const;
