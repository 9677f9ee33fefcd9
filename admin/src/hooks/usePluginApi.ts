import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey, type UseQueryOptions } from 'react-query';
import { apiPath } from '../utils/apiPath';

/** Every admin route of the plugin answers `{ data }` (shared/contracts); the hooks hand back `data`. */
interface Answer {
  data: unknown;
}

type QueryOptions<T> = Omit<UseQueryOptions<T, unknown, T, QueryKey>, 'queryKey' | 'queryFn'> & {
  /** Query-string parameters of the GET. */
  params?: object;
};

/** GET `/<plugin id>/<path>` under `key`; `R` is the route's contract `Response`. */
export const usePluginQuery = <R extends Answer>(key: QueryKey, path: string, options: QueryOptions<R['data']> = {}) => {
  const { get } = useFetchClient();
  const { params, ...queryOptions } = options;
  return useQuery<R['data'], unknown, R['data'], QueryKey>(
    key,
    async () => {
      const { data } = await get<R>(apiPath(path), params ? { params } : undefined);
      return data.data;
    },
    queryOptions
  );
};

interface MutationSpec<V, T> {
  method: 'post' | 'put';
  path: string | ((variables: V) => string);
  /** The request body; the variables themselves when omitted. */
  body?: (variables: V) => unknown;
  /** Cache writes from the answer, made before `invalidates` refetches. */
  update?: (client: QueryClient, data: T) => void;
  /** The queries whose data the call changes. */
  invalidates?: QueryKey[];
}

/** POST or PUT to `/<plugin id>/<path>` with `V` as the variables; `R` is the route's contract `Response`. */
export const usePluginMutation = <V, R extends Answer>({ method, path, body, update, invalidates = [] }: MutationSpec<V, R['data']>) => {
  const fetchClient = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (variables: V) => {
      const url = apiPath(typeof path === 'string' ? path : path(variables));
      const { data } = await fetchClient[method]<R>(url, body ? body(variables) : variables);
      return data.data as R['data'];
    },
    {
      onSuccess: (data) => {
        update?.(client, data);
        for (const key of invalidates) void client.invalidateQueries(key);
      },
    }
  );
};
