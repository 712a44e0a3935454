/** The worklist's state lives in its address: filters, sort and page, so a link or a reload shows the same list. */
export interface WorklistParams {
  q?: string;
  sort?: string;
  dir?: string;
  team?: string;
  open?: string;
  overdue?: string;
  dm?: string;
  cancer?: string;
  after?: string;
  before?: string;
}

export function worklistHref(params: WorklistParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `/patients?${text}` : "/patients";
}
