/**
 * The words a search put right, each as what it was read as: "“mircosoft” as Microsoft and “amazn”
 * as Amazon" (the search page and the incidents list say it alike).
 */
export function ReadAs({ names }: { names: { typed: string; name: string }[] }) {
  return names.map(({ typed, name }, index) => (
    <span key={typed}>
      {index > 0 && (index === names.length - 1 ? ' and ' : ', ')}&ldquo;{typed}&rdquo; as {name}
    </span>
  ));
}
