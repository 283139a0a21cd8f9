import { entries } from '../../tsup.config.base.ts';

export default entries('index', 'tzdata');
