package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccountRepository;
import ca.gagephysio.staff.account.StaffRole;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a staff account for Spring Security. An {@code ADMIN} holds the {@code STAFF} role as well, so every
 * inbox rule applies to both.
 */
@Service
class StaffUserDetailsService implements UserDetailsService {

	private final StaffAccountRepository accounts;

	StaffUserDetailsService(StaffAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		StaffAccount account = accounts.findByEmail(StaffAccount.normalise(username))
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		List<SimpleGrantedAuthority> authorities = account.getRole() == StaffRole.ADMIN
				? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_STAFF"))
				: List.of(new SimpleGrantedAuthority("ROLE_STAFF"));
		return User.withUsername(account.getEmail())
			.password(account.getPasswordHash())
			.disabled(!account.isEnabled())
			.authorities(authorities)
			.build();
	}

}
