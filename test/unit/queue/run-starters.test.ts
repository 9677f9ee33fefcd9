import { displayNameOf } from '../../../server/src/queue/runs/started-by';

describe('an admin named as Strapi names them', () => {
  test('username first, else first and last name, else the email', () => {
    expect(displayNameOf({ username: 'ada', firstname: 'Ada', lastname: 'Admin', email: 'ada@example.com' })).toBe('ada');
    expect(displayNameOf({ username: null, firstname: 'Ada', lastname: 'Admin', email: 'ada@example.com' })).toBe('Ada Admin');
    expect(displayNameOf({ username: null, firstname: 'Ada', lastname: null, email: 'ada@example.com' })).toBe('Ada');
    expect(displayNameOf({ username: null, firstname: null, lastname: null, email: 'ada@example.com' })).toBe('ada@example.com');
  });
});
