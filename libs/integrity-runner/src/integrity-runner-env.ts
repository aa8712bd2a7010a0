import { env } from '@ejournal/config';
import { INTEGRITY_CHECKPOINTS_TOPIC } from '@ejournal/contracts';
import { integrityEnv } from '@ejournal/integrity';

/**
 * What a service's configuration spreads in (`...integrityRunnerEnv`) to run its store's
 * Merkle log and checkpoints: the integrity lib's variables, a switch and the topic.
 */
export const integrityRunnerEnv = {
  ...integrityEnv.shape,
  /** Off in test apps that do not look at checkpoints; on in every deployment. */
  INTEGRITY_ENABLED: env.flag('true'),
  INTEGRITY_CHECKPOINTS_TOPIC: env.topic(INTEGRITY_CHECKPOINTS_TOPIC),
};
