import { render } from 'preact';
import { App } from './ui/app';
import './metrics';

render(<App />, document.getElementById('app') as HTMLElement);
