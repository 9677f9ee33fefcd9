/** Shapes every resource of the admin API shares. */

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  /** More rows match than `total`, which is where counting stopped (the media list counts at most 10 000 past the page). */
  totalIsLowerBound?: boolean;
}
