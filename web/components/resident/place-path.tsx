/** Where a place is, outermost first; lines break between names, never inside one. */
export function PlacePath({ names, className }: { names: string[]; className?: string }) {
  if (names.length === 0) return null;
  return (
    <ol className={className ? `ll-path ${className}` : 'll-path'}>
      {names.map((name, i) => (
        <li key={`${i}:${name}`}>{name}</li>
      ))}
    </ol>
  );
}
