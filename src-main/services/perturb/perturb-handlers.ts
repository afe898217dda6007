import type { Handlers } from '../../rpc/router'
import type { ProjectSession } from '../project/project-session'
import { previewRecipe } from './preview-recipe'

/** `perturb.preview`: one recipe on one image, in memory, for the recipe builder. */
export function perturbHandlers(deps: {
  session: ProjectSession
}): Pick<Handlers, 'perturb.preview'> {
  return {
    'perturb.preview': ({ recipe, sha256 }) =>
      previewRecipe(deps.session.require().mediaDir, sha256, recipe)
  }
}
