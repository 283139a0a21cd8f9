import { testExamples } from '../../../scripts/doctest.ts';

testExamples(import.meta.url);
