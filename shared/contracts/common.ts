/** Shapes every resource of the admin API shares. */

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
