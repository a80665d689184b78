import '../shared/staff-base.css';
import { render } from 'preact';
import { AgentApp } from './agent-app';
import './agent.css';

render(<AgentApp />, document.getElementById('app') as HTMLElement);
