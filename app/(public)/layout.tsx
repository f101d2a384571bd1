// Public pages read their query and route parameters and render when asked, from cached data
// (lib/public-data.ts). They block rather than stream a shell, so that an unknown company or a
// malformed parameter answers with a real 404 status, not a 200 carrying a "not found" page.
export const instant = false;

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return children;
}
