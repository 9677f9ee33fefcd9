import { servingGraphqlSuite } from './graphql-suite';

servingGraphqlSuite('sqlite');
