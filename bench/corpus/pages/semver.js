// semver (CommonJS, one module per function requiring each other): parsing, comparison,
// ranges (caret, tilde, hyphen, x-ranges, unions), satisfaction and max/min, increments with
// prerelease ids, coercion, diffs, sorting, intersections and simplification.
import semver from 'semver';
import satisfies from 'semver/functions/satisfies';
import Range from 'semver/classes/range';
import { report } from './report.js';

const versions = ['1.2.3', '1.10.0', '2.0.0-rc.1', '2.0.0', '1.2.3-alpha.10', '1.2.3-alpha.2', '0.9.9'];

report({
  parse: () => [semver.valid('v1.2.3'), semver.valid('1.2'), semver.clean('  =v1.2.3  '), semver.parse('1.2.3-beta.4+build.5').prerelease, semver.parse('1.2.3+b').build, semver.major('4.5.6'), semver.prerelease('1.0.0-x.7.z.92'), semver.valid('01.2.3'), semver.valid('01.2.3', { loose: true })],
  compare: () => [semver.sort([...versions]), semver.rsort([...versions]), semver.gt('1.10.0', '1.9.9'), semver.lt('1.0.0-rc.1', '1.0.0'), semver.compareBuild('1.0.0+a', '1.0.0+b'), semver.eq('1.0.0', 'v1.0.0'), semver.cmp('1.0.0', '>=', '1.0.0')],
  ranges: () => [
    new Range('^1.2.3').range,
    new Range('~1.2').range,
    new Range('1.2 - 2.3.4').range,
    new Range('1.x || >=3.0.0 <3.5.0').range,
    semver.validRange('>=1.2.7 <1.3.0 || ^2'),
    semver.validRange('not a range'),
    satisfies('1.2.9', '^1.2.3'),
    satisfies('2.0.0-rc.1', '^1.2.3'),
    satisfies('2.0.0-rc.1', '>=2.0.0-rc.0', { includePrerelease: false }),
    semver.maxSatisfying(versions, '^1.0.0'),
    semver.minSatisfying(versions, '>=1.0.0'),
    semver.minVersion('>=1.2.3-alpha <2'),
    semver.outside('3.0.0', '^1.0.0', '>'),
    semver.intersects('^1.2.0', '~1.3.0'),
    semver.subset('~1.2.3', '^1.0.0'),
  ],
  increments: () => [semver.inc('1.2.3', 'minor'), semver.inc('1.2.3', 'prerelease', 'beta'), semver.inc('1.2.3-beta.0', 'prerelease'), semver.inc('1.2.3', 'premajor', 'rc'), semver.inc('1.2.3-rc.4', 'patch'), semver.inc('1.2.3', 'prepatch', 'alpha', false), semver.diff('1.2.3', '1.3.0'), semver.diff('1.0.0-1', '1.0.0')],
  coerce: () => [String(semver.coerce('v2')), String(semver.coerce('42.6.7.9.3-alpha')), String(semver.coerce('version 3.4 released')), semver.coerce('1.2.3-pre+b', { includePrerelease: true }).version, semver.coerce('nothing')],
  errors() {
    let message = 'no exception';
    try {
      new semver.SemVer('1.2.x');
    } catch (error) {
      message = `${error.name}: ${error.message}`;
    }
    return [message, semver.SEMVER_SPEC_VERSION, Object.keys(semver.RELEASE_TYPES || {}).length];
  },
});
