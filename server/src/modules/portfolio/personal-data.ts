import { registerPersonalDataSource } from '../privacy/sources.ts'

/*
 * The portfolio views a user saved, for the register extract. They are the account's own settings
 * and no record of anything: erasure removes them, as it removes the account's sessions and roles.
 */

registerPersonalDataSource({
  key: 'portfolio_views',
  title: { sv: 'Sparade portföljvyer', en: 'Saved portfolio views' },
  columns: ['portfolio_view.user_id'],
  async collect(db, subject) {
    if (subject.userIds.length === 0) return []
    return db
      .selectFrom('portfolio_view')
      .where('user_id', 'in', subject.userIds)
      .select(['name', 'created_at', 'updated_at'])
      .orderBy('name')
      .execute()
  },
  async erase(trx, subject) {
    if (subject.userIds.length === 0) return
    await trx.deleteFrom('portfolio_view').where('user_id', 'in', subject.userIds).execute()
  },
})
