import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Translator } from './translate';

/** The page's translator, given by the app at its root. */
export const I18n = createContext<Translator>(translator('en'));
export const useT = (): Translator => useContext(I18n);
