import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that take longest, longest first (as measured on two cores). The workers share a
 * group's files: started first, a long file runs beside the short ones instead
 * of alone at the end. A clean checkout has no timings of its own to sort by (Vitest then sorts by
 * file size), so these are written down; a file not listed runs after them, in Vitest's order.
 */
const LONGEST_FIRST = [
  'tests/e2e/editors.test.ts',
  'tests/e2e/hostile-input.test.ts',
  'tests/e2e/start.test.ts',
  'tests/e2e/visitor.test.ts',
  'tests/integration/hostile-input.test.ts',
  'tests/integration/admin-data.test.ts',
  'tests/integration/import-collective-action.test.ts',
  'tests/integration/open-data.test.ts',
  'tests/unit/command-options.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((listed) => file.moduleId.endsWith(`/${listed}`));
      return index < 0 ? LONGEST_FIRST.length : index;
    };
    const position = new Map(sorted.map((file, index) => [file, index]));
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    // Groups keep their order (the end-to-end files after the others); within a group the listed
    // files go first, and the others keep Vitest's order.
    return sorted.sort(
      (a, b) => group(a) - group(b) || rank(a) - rank(b) || (position.get(a) ?? 0) - (position.get(b) ?? 0),
    );
  }
}
