import { api, session } from '../api.js';
import { alertBox, fill, h } from '../dom.js';

/** Signs in with an API key: the key is checked with GET /api/v1/me before it is kept. */
export async function loginView(main) {
  const input = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', required: true, placeholder: 'faas_…', spellcheck: 'false' });
  const message = h('div', { id: 'login-message' });
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, 'Paste an API key: a user key from POST /api/v1/users/{id}/api-keys, or the admin key (',
      h('code', {}, '.data/admin.key'), ' with ', h('code', {}, './scripts/start.sh'), '). It is kept in this tab only.'),
    h('label', { for: 'api-key' }, 'API key'), input,
    h('button', { type: 'submit' }, 'Sign in'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    session.key = input.value.trim();
    try {
      await api('/me');
      location.hash = '#/projects';
    } catch (error) {
      session.clear();
      fill(message, alertBox(error.status === 401 ? new Error('This API key was refused: it is unknown or revoked.') : error));
    }
  });
  fill(main, form);
  input.focus();
}
