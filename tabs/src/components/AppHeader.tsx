import { Text } from '@fluentui/react-components';
import { useAppHeaderStyles } from './AppHeader.styles';

export interface AppHeaderProps {
  /** The signed-in person, once /api/v1/me has answered. */
  displayName: string | undefined;
}

export function AppHeader({ displayName }: AppHeaderProps) {
  const styles = useAppHeaderStyles();
  return (
    <header className={styles.root}>
      <Text as="h1" size={500} weight="semibold" className={styles.title}>
        Human Debt
      </Text>
      {displayName && (
        <Text size={200} className={styles.identity}>
          Signed in as {displayName}
        </Text>
      )}
    </header>
  );
}
