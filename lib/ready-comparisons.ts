/** Comparisons offered on the home page and on an empty compare page. */
export const READY_COMPARISONS = [
  {
    title: 'The four companies of the 2018 report: Salesforce, Google, Microsoft and Amazon',
    slugs: ['salesforce', 'google', 'microsoft', 'amazon'],
  },
  {
    title: 'Gig-economy platforms: Uber, Lyft, DoorDash and Instacart',
    slugs: ['uber', 'lyft', 'doordash', 'instacart'],
  },
  { title: 'Google beside its own subsidiary: Google and YouTube', slugs: ['google', 'youtube'] },
] as const;
