// @faker-js/faker (English locale, seeded, fixed reference date): names, addresses, dates,
// lorem, finance, internet, helpers; a large data-heavy module graph to tree-shake.
import { faker } from '@faker-js/faker/locale/en';
import { report } from './report.js';

faker.seed(20240229);
faker.setDefaultRefDate(new Date(Date.UTC(2024, 1, 29)));

report({
  person: () => [faker.person.fullName(), faker.person.jobTitle(), faker.person.sex(), faker.person.bio()],
  location: () => [faker.location.streetAddress({ useFullAddress: true }), faker.location.city(), faker.location.zipCode(), faker.location.nearbyGPSCoordinate({ origin: [51.5, -0.1], radius: 10 })],
  internet: () => [faker.internet.email({ firstName: 'Ada', lastName: 'Lovelace' }), faker.internet.url(), faker.internet.ipv4(), faker.internet.userAgent(), faker.internet.password({ length: 12, memorable: true })],
  dates: () => [faker.date.past().toISOString(), faker.date.between({ from: '2020-01-01', to: '2020-12-31' }).toISOString(), faker.date.birthdate({ min: 18, max: 30, mode: 'age' }).toISOString(), faker.date.month()],
  misc: () => [faker.lorem.sentence(), faker.finance.iban(), faker.finance.amount({ min: 5, max: 10, dec: 2, symbol: '$' }), faker.string.uuid(), faker.number.int({ min: 1, max: 1e6 }), faker.color.rgb(), faker.helpers.arrayElements(['a', 'b', 'c', 'd'], 2), faker.helpers.fake('{{person.firstName}} from {{location.country}}'), faker.commerce.productName(), faker.airline.flightNumber()],
});
