import { isAbsoluteHttpUrl, isPubliclyReachableUrl } from '../../../server/src/image-source/reachability';

describe('is a URL something a hosted provider could fetch?', () => {
  test.each(['https://cms.example.com', 'http://203.0.113.9:1337/uploads/a.png', 'https://[2001:db8::1]/a.png', 'https://172.32.0.1/x'])(
    '%s is public',
    (url) => expect(isPubliclyReachableUrl(url)).toBe(true)
  );

  test.each([
    'http://localhost:1337',
    'http://127.0.0.1:1337',
    'http://10.1.2.3',
    'http://172.16.0.1',
    'http://192.168.1.20',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1',
    'http://[::1]:1337',
    'http://[fd00::1]',
    'http://strapi:1337',
    'http://cms.local',
    'http://app.localhost',
    '/uploads/a.png',
    'ftp://example.com/a.png',
    '',
  ])('%s is not', (url) => expect(isPubliclyReachableUrl(url)).toBe(false));

  test('an absolute URL is http(s) with a host; a path or another scheme is not', () => {
    expect(isAbsoluteHttpUrl('http://127.0.0.1:9000/bucket/key')).toBe(true);
    expect(isAbsoluteHttpUrl('/uploads/a.png')).toBe(false);
    expect(isAbsoluteHttpUrl('http:///nohost')).toBe(false);
    expect(isAbsoluteHttpUrl('javascript:alert(1)')).toBe(false);
  });
});
