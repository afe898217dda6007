import { useLocalStorage } from '@mantine/hooks'

/** A named filter + sort, kept in this browser profile only (views are private to a person). */
export type SavedView = Readonly<{ name: string; query: string }>

export function useSavedViews() {
  const [views, setViews] = useLocalStorage<SavedView[]>({
    key: 'delta-studio.saved-views',
    defaultValue: [],
    getInitialValueInEffect: false
  })
  return {
    views,
    save: (name: string, query: string) =>
      setViews((current) => [...current.filter((v) => v.name !== name), { name, query }]),
    remove: (name: string) => setViews((current) => current.filter((v) => v.name !== name))
  }
}
