// The page around every view: the navigation and the signed-in name.
import { $ } from '../dom.js';
import { state, thisYear } from '../state.js';

export function renderChrome() {
  $('nav').hidden = !state.coordinator;
  $('sign-out').hidden = !state.coordinator;
  $('who').textContent = state.coordinator ? state.coordinator.name : '';
  $('nav-system').setAttribute('href', `#/system/${thisYear}`);
}
