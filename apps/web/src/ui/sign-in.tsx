import { useState } from 'preact/hooks';
import { activate, signIn } from '../api/session';
import { mark } from '../metrics';
import { messageOf } from './use-async';

/** Sign-in with login and password, or first activation with the school's one-time code. */
export function SignIn(props: { onSignedIn: () => void }) {
  const [mode, setMode] = useState<'sign-in' | 'activate'>('sign-in');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (setter: (value: string) => void) => (e: Event) =>
    setter((e.target as HTMLInputElement).value);

  const submit = async (event: Event) => {
    event.preventDefault();
    mark('sign-in-submitted');
    setBusy(true);
    setError(null);
    try {
      if (mode === 'activate') {
        await activate(code, login.trim(), password);
        setDone('Учётная запись активирована. Теперь войдите с выбранным логином и паролем.');
        setMode('sign-in');
      } else {
        await signIn(login.trim(), password);
        mark('signed-in');
        props.onSignedIn();
      }
    } catch (problem) {
      setError(messageOf(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Электронный журнал</h1>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'sign-in-error' : undefined}>
        <h2>{mode === 'sign-in' ? 'Вход' : 'Активация учётной записи'}</h2>
        {mode === 'activate' && (
          <label>
            Код активации из школы
            <input
              name="code"
              value={code}
              required
              autoComplete="one-time-code"
              placeholder="XXXX-XXXX-XXXX"
              onInput={set(setCode)}
            />
          </label>
        )}
        <label>
          Логин
          <input
            name="login"
            value={login}
            required
            autoComplete="username"
            onInput={set(setLogin)}
          />
        </label>
        <label>
          Пароль
          <input
            name="password"
            type="password"
            value={password}
            required
            minLength={mode === 'activate' ? 10 : 1}
            autoComplete={mode === 'activate' ? 'new-password' : 'current-password'}
            onInput={set(setPassword)}
          />
        </label>
        {error && (
          <p role="alert" id="sign-in-error" class="error">
            {error}
          </p>
        )}
        {done && (
          <p role="status" class="notice">
            {done}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {mode === 'sign-in' ? 'Войти' : 'Активировать'}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => {
            setMode(mode === 'sign-in' ? 'activate' : 'sign-in');
            setError(null);
          }}
        >
          {mode === 'sign-in' ? 'У меня есть код активации' : 'У меня уже есть пароль'}
        </button>
      </form>
    </main>
  );
}
