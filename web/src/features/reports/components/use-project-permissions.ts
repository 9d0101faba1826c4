import { useLoaderData } from '@tanstack/react-router'

/** What the user may do with the project, from the project route's loader (the page around this tab). */
export function useProjectPermissions(_projectId: string): readonly string[] {
  return useLoaderData({
    from: '/authenticated/projects/$projectId',
    select: (project) => project.permissions,
  })
}
