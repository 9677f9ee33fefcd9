import { servingGraphqlSuite } from './graphql-suite';

servingGraphqlSuite('postgres');
