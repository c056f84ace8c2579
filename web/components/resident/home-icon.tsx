/** A house outline for the home tab (antd-mobile-icons has none), drawn like the Linli mark. */
export function HomeIcon() {
  return (
    <svg width="1em" height="1em" viewBox="0 0 24 24" aria-hidden focusable="false">
      <path
        d="M3.5 11 12 4l8.5 7M6.5 9.5V20h11V9.5M10 20v-5.5h4V20"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
