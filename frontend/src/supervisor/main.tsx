import '../shared/staff-base.css';
import { render } from 'preact';
import { SupervisorApp } from './supervisor-app';
import './supervisor.css';

render(<SupervisorApp />, document.getElementById('app') as HTMLElement);
