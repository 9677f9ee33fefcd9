export { createBudget, type Budget, type Reservation, type ReserveResult } from './budget';
export { now, setClock } from './clock';
export { createSpendLedger, type SpendLedger } from './ledger';
export { chargedNothing, FREE_FAILURES } from './refund';
