import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DownloadLinks } from '@/components/ui/download-links';

const NOTE = 'a contract listed here only for a change of its status in them is not in it';

const render = (props: Parameters<typeof DownloadLinks>[0]) =>
  renderToStaticMarkup(createElement(DownloadLinks, props)).replace(/&#x27;|&rsquo;/g, '’');

describe('a list’s download links', () => {
  it('link each kind’s file with the list’s filters, in both formats', () => {
    const html = render({
      exports: [
        { kind: 'actions', filters: { company: 'salesforce', from: 2018, to: undefined } },
        { kind: 'contracts', filters: { company: 'salesforce', from: 2018 } },
      ],
    });
    expect(html).toContain('href="/exports/actions.csv?company=salesforce&amp;from=2018"');
    expect(html).toContain('href="/exports/contracts.json?company=salesforce&amp;from=2018"');
  });

  it('say the files’ own order: by address name, which for an agency is not its name (/agencies/cbp), or newest first', () => {
    expect(render({ exports: [{ kind: 'agencies', filters: {} }] })).toContain(
      ', ordered by the short name in their address',
    );
    expect(render({ exports: [{ kind: 'contracts', filters: {} }] })).toContain(', newest first');
    // Two orders: each is said beside its files.
    const both = render({
      exports: [
        { kind: 'companies', filters: {} },
        { kind: 'actions', filters: {} },
      ],
    });
    expect(both.replace(/<[^>]+>/g, '')).toContain(
      'companies CSV · JSON (ordered by the short name in their address); employee actions CSV · JSON (newest first)',
    );
  });

  it('say that a timeline’s contracts file is by award year when years are asked for', () => {
    const contracts = (filters: Record<string, string | number | undefined>) => [
      { kind: 'contracts' as const, filters },
    ];
    expect(render({ exports: contracts({ from: 2019, to: 2019 }), statusChangesListed: true })).toContain(NOTE);
    expect(render({ exports: contracts({ to: 2019 }), statusChangesListed: true })).toContain(NOTE);
    // No years, no timeline (the contracts list filters by award year, as its file does), or no contracts file: nothing to say.
    expect(render({ exports: contracts({ company: 'salesforce' }), statusChangesListed: true })).not.toContain(NOTE);
    expect(render({ exports: contracts({ from: 2019 }) })).not.toContain(NOTE);
    expect(
      render({ exports: [{ kind: 'actions', filters: { from: 2019 } }], statusChangesListed: true }),
    ).not.toContain(NOTE);
  });
});
