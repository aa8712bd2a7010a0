import { useEffect, useState } from 'preact/hooks';
import { call, whenSignedOut } from '../api/http';
import { prefetchGrid } from '../api/journal';
import { forgetSession, signOut, storedTokens, type Me } from '../api/session';
import { afterPaint, mark, metrics } from '../metrics';
import { Admin } from './admin';
import { Audit } from './audit';
import { Diary } from './diary';
import { GridScreen } from './grid/grid-screen';
import { Journals, SCHOOL_JOURNAL_READERS, SchoolJournals } from './journals';
import { ROLE_NAMES } from './labels';
import { SignIn } from './sign-in';
import { messageOf } from './use-async';

const TEACHING = ['teacher', 'class_teacher', 'head', 'deputy_head', 'school_admin'];
const FAMILY = ['parent', 'pupil'];
const AUDITING = ['auditor', 'regional_operator', 'head', 'deputy_head'];
const MANAGING = ['school_admin', 'head', 'deputy_head', 'regional_operator', 'municipal_operator'];

interface Place {
  href: string;
  label: string;
  roles: string[];
}

const PLACES: Place[] = [
  { href: '#/journals', label: 'Мои журналы', roles: TEACHING },
  { href: '#/school', label: 'Журналы школы', roles: SCHOOL_JOURNAL_READERS },
  { href: '#/diary', label: 'Дневник', roles: FAMILY },
  { href: '#/audit', label: 'Аудит', roles: AUDITING },
  { href: '#/admin', label: 'Управление', roles: MANAGING },
];

const useHash = () => {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
};

/** The application: who is signed in decides the places shown (roles and schools). */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [state, setState] = useState<'loading' | 'signed-out' | 'ready'>(
    storedTokens() ? 'loading' : 'signed-out',
  );
  const [error, setError] = useState<string | null>(null);
  const hash = useHash();

  const loadMe = async () => {
    // Signing in on a link to a journal: its grid is read while `/me` is.
    const linked = /^#\/journal\/(.+)$/.exec(location.hash)?.[1];
    if (linked) prefetchGrid(decodeURIComponent(linked));
    try {
      setMe(await call<Me>('identity', 'GET', '/me'));
      setState('ready');
    } catch (problem) {
      setError(messageOf(problem));
      forgetSession();
      setState('signed-out');
    }
  };
  useEffect(() => {
    whenSignedOut(() => {
      setMe(null);
      setState('signed-out');
    });
    if (state === 'loading') void loadMe();
  }, []);
  useEffect(() => {
    if (state !== 'loading' && metrics.firstScreenMs === null)
      afterPaint(() => {
        metrics.firstScreenMs ??= performance.now();
        mark('first-screen');
      });
  }, [state]);

  if (state === 'loading') return <p aria-live="polite">Загрузка…</p>;
  if (state === 'signed-out' || !me)
    return (
      <>
        {error && <p role="alert">{error}</p>}
        <SignIn
          onSignedIn={() => {
            setError(null);
            setState('loading');
            void loadMe();
          }}
        />
      </>
    );

  const roles = [...new Set(me.grants.map((g) => g.role))];
  const places = PLACES.filter((p) => p.roles.some((r) => roles.includes(r)));
  const [, screen, id] = /^#\/([a-z]+)\/?(.*)$/.exec(hash) ?? [];
  const current = screen ?? places[0]?.href.slice(2) ?? '';
  const param = id ? decodeURIComponent(id) : null;
  const content =
    current === 'journal' && param ? (
      <GridScreen key={param} journalId={param} />
    ) : current === 'journals' ? (
      <Journals />
    ) : current === 'school' ? (
      <SchoolJournals grants={me.grants} />
    ) : current === 'diary' ? (
      <Diary />
    ) : current === 'audit' ? (
      <Audit journalId={param} />
    ) : current === 'admin' ? (
      <Admin grants={me.grants} />
    ) : (
      <p>Для ваших ролей здесь пока нет разделов.</p>
    );
  return (
    <>
      <a class="skip" href="#main">
        Перейти к содержимому
      </a>
      <header class="top">
        <span class="brand">Электронный журнал</span>
        <nav aria-label="Разделы">
          <ul>
            {places.map((place) => (
              <li>
                <a
                  href={place.href}
                  aria-current={place.href.slice(2) === current ? 'page' : undefined}
                >
                  {place.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {[me.surname, me.givenName].filter(Boolean).join(' ')} ·{' '}
          {roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}
        </span>
        <button
          type="button"
          onClick={() =>
            void signOut().then(() => {
              setMe(null);
              setState('signed-out');
            })
          }
        >
          Выйти
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
