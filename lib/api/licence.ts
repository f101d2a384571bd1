/** The licence and citation the open-data interface hands out with its data (API, exports, feeds, docs). */
export const LICENCE = {
  name: 'Public domain data, cited',
  summary:
    'The employee actions imported from Collective Action in Tech (externalSource "collective-action-tech") are in the ' +
    'public domain: its authors released the data set under The Unlicense. The facts of the record are meant to be ' +
    'reused: cite "Counterweight" together with the original sources each record lists.',
  dataSet: {
    title: 'Collective Action in Tech',
    citation:
      'Tan, J. S., and Nedzhvetskaya, N. (2020). Collective Action in Tech. https://github.com/collective-action/tech',
    licence: 'The Unlicense (public domain)',
    url: 'https://github.com/collective-action/tech',
  },
  howToCite:
    'Counterweight, <the address you used>, retrieved <date>; and the original sources (url, publisher, title, date) ' +
    'listed in each record\u2019s "sources". For employee actions from the data set, also cite Tan and Nedzhvetskaya (2020).',
} as const;
