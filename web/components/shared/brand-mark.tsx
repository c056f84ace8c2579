/** The Linli mark: a home: a roof, walls and a door, in the accent red. Decorative unless titled. */
export function BrandMark({ size = 32, title }: { size?: number; title?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <rect width="64" height="64" rx="14" fill="#c8102e" />
      <path
        d="M12 31 32 14l20 17M19 31v19h26V31"
        fill="none"
        stroke="#fff"
        strokeWidth="5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <rect x="28" y="37" width="8" height="13" rx="1.5" fill="#fff" />
    </svg>
  );
}
